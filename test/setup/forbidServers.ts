import net from 'node:net';

// The unit project is the fast inner loop: pure tests only. A test that needs a server belongs under
// test/integration or test/e2e, where Azurite and the emulator are set up.
net.Server.prototype.listen = function refuseListen(): never {
  throw new Error('unit tests start no servers: move this test under test/integration or test/e2e');
};
