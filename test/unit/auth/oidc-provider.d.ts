/** oidc-provider ships no types; the test helper declares the small surface it uses. */
declare module 'oidc-provider';
