/** Accessibility matcher registered in config/jest/setup.js. */
declare namespace jest {
  interface Matchers<R> {
    toBeAccessible(): Promise<R>;
  }
}
