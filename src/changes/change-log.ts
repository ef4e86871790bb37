/** The cache key that stands for every page: bulk changes use it instead of listing keys. */
export const PURGE_EVERYTHING = '*';
