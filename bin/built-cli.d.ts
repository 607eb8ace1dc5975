// Types of bin/built-cli.js (plain JavaScript so bin/edgeprobe.js starts without a compiler).
export declare function builtCli(root: URL, fromSource?: boolean): URL | null;
