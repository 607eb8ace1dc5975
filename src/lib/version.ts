// The edgeprobe version, from package.json, for reports and result files.
import pkg from '../../package.json' with { type: 'json' };

/** Semantic version of this edgeprobe build. */
export const EDGEPROBE_VERSION: string = pkg.version;
