/**
 * The jest environment of the page previews: jsdom (miniprogram-simulate renders into it), plus
 * the web globals Node has and jsdom's window lacks (Request, streams, TextEncoder, …), which
 * playwright-core needs to drive Chromium from the same test. jsdom's own globals are kept.
 */
const { TestEnvironment } = require('jest-environment-jsdom');

class PreviewEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    for (const name of Object.getOwnPropertyNames(globalThis)) {
      if (!(name in this.global)) this.global[name] = globalThis[name];
    }
  }
}

module.exports = PreviewEnvironment;
