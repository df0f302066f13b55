/**
 * Jest stand-in for `lightning/platformResourceLoader` (mapped in jest.config.js). Both loaders resolve at once;
 * a test that needs the script's effect sets it up itself (for SheetJS: `window.XLSX`) and can make a load fail
 * with `loadScript.mockRejectedValueOnce(...)`. `jest.clearAllMocks()` in `afterEach` resets the calls.
 */
export const loadScript = jest.fn<Promise<void>, [object, string]>(() => Promise.resolve());

export const loadStyle = jest.fn<Promise<void>, [object, string]>(() => Promise.resolve());
