// Eleventy ships JavaScript without type declarations; these name the parts this project calls.
declare module '@11ty/eleventy' {
  /** Eleventy's engine without its whole-site build: its template configuration, compiler and renderer. */
  export const RenderPlugin: {
    RenderManager: new () => {
      templateConfig: {
        directories: { setInput(dir: string): void };
        getConfig(): { frontMatterParsingOptions: Record<string, unknown> };
      };
      config(callback: (config: { addFilter(name: string, filter: unknown): void }) => void): void;
      init(): Promise<unknown>;
      compile(content: string, language: string): Promise<(data: Record<string, unknown>) => Promise<string>>;
    };
  };
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

// Citation.js ships JavaScript without type declarations: the part this project calls.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown);
    data: Record<string, unknown>[];
    format(format: 'bibtex'): string;
    format(format: 'ris', options: { format: 'object' }): Record<string, string | number | (string | number)[]>[];
  }
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-ris';

// Eleventy's image plugin ships JavaScript without type declarations: the parts this project calls.
declare module '@11ty/eleventy-img' {
  interface ImageEntry {
    format: string;
    width: number;
    height: number;
    url: string;
    filename: string;
    sourceType: string;
    srcset: string;
  }
  type Metadata = Record<string, ImageEntry[]>;
  interface ImageOptions {
    widths: (number | 'auto')[];
    formats: string[];
    outputDir: string;
    urlPath: string;
    sharpAvifOptions?: Record<string, unknown>;
    sharpOptions?: Record<string, unknown>;
    /** Its in-memory and disk cache: a file already in `outputDir` is not written again (default true). */
    useCache?: boolean;
    filenameFormat?: (id: string, src: string, width: number, format: string) => string;
  }
  function Image(src: string, options: ImageOptions): Promise<Metadata>;
  namespace Image {
    function generateHTML(metadata: Metadata, attributes: Record<string, string>): string;
  }
  export default Image;
}
