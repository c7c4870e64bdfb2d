/** Types of scripts/ajvStandalone.mjs (the test imports it). */
export declare const SCHEMA_DIR: string;
export declare function swaggerValidatorSource(options?: { esm?: boolean }): string;
