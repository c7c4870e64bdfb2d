// Types of scripts/sampleApi.mjs for the TypeScript tests that start the sample API.
export declare const SAMPLE_FOLDER: string;
export declare const SAMPLE_API_KEY: string;
export declare const HOST_OVERRIDES_SETTING: string;

export interface SampleApi {
  url: string;
  port: number;
  apiKey: string;
  /** The last 100 requests: method, path, status (never header values). */
  requests: Array<{ method: string; path: string; status: number }>;
  /** Webhook subscriptions of the OnTaskCreated trigger: id -> callback URL. */
  hooks: Map<string, string>;
  /** The last 100 callback calls: status, or the error when the callback was not reached. */
  deliveries: Array<{ hookId: string; taskId: string; status?: number; error?: string }>;
  close(): Promise<void>;
}

export declare function startSampleApi(options?: { port?: number; apiKey?: string; log?: (line: string) => void }): Promise<SampleApi>;
export declare function definitionHost(folder?: string): string;
export declare function writeSampleWorkspace(options: { file: string; apiUrl: string; folder?: string }): { file: string; host: string };
export declare function howToConnect(api: SampleApi, host?: string): string;
export declare function writeHostOverride(settingsFile: string, options: { apiUrl: string | undefined; folder?: string }): { written: boolean; host: string };
