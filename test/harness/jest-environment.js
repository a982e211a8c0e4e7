// Jest's node environment hides some of Node 24's globals that n8n nodes may use at run time
// (n8n itself runs on plain Node 24, where they exist). Expose them to the tests unchanged.
const { TestEnvironment } = require('jest-environment-node');

class Node24Environment extends TestEnvironment {
	constructor(config, context) {
		super(config, context);
		for (const name of ['WebSocket', 'CloseEvent', 'MessageEvent', 'EventSource']) {
			if (globalThis[name] !== undefined && this.global[name] === undefined) this.global[name] = globalThis[name];
		}
	}
}

module.exports = Node24Environment;
