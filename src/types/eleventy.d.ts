// Eleventy ships JavaScript without type declarations; these name the parts this project calls.
declare module '@11ty/eleventy' {
  export default class Eleventy {
    constructor(input?: string, output?: string, options?: { quietMode?: boolean; configPath?: string | false; config?: (config: any) => void | Promise<void> });
    write(): Promise<unknown>;
    disableLogger(): void;
  }
}

declare module '@11ty/eleventy-dev-server' {
  export default class EleventyDevServer {
    static getServer(name: string, dir: string, options?: Record<string, unknown>): EleventyDevServer;
    serve(port: number): void;
    ready(): Promise<void>;
    reload(event?: { files?: string[] }): void;
    close(): Promise<void>;
  }
}

declare module '@11ty/eleventy-plugin-rss' {
  /** Atom's date format (RFC 3339, in UTC, without milliseconds). */
  export function dateToRfc3339(date: Date): string;
}
