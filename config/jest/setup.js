// Accessibility matcher for every component test: expect(element).toBeAccessible()
const { registerSa11yMatcher } = require('@sa11y/jest');

registerSa11yMatcher();

// jsdom leaves out TextDecoder, which every browser has; the questionnaire import decodes files with it.
if (typeof globalThis.TextDecoder === 'undefined') {
  globalThis.TextDecoder = require('node:util').TextDecoder;
}
