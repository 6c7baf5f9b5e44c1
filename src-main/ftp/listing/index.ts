/** Directory listing parsers: pure functions from server text to `FileEntry` rows. */
export { parseListing } from './parse-listing.js';
export type { ListingOptions } from './parse-listing.js';
export { parseFactTime, parseMlsd, parseMlsdLine } from './parse-mlsd.js';
