// Lets webview scripts import their stylesheet (esbuild emits it beside the bundle).
declare module '*.css';
