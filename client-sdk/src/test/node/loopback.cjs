// Preloaded (node --require ./loopback.cjs ...) by ServerEverythingInteropTest: binds every TCP
// server this process starts to 127.0.0.1, since the "everything" server listens on all
// interfaces and offers no setting to change that. The tests reach it on loopback only.
"use strict";
const net = require("node:net");

const LOOPBACK = "127.0.0.1";
const listen = net.Server.prototype.listen;

net.Server.prototype.listen = function (...args) {
  const [first] = args;
  if (typeof first === "number" || (typeof first === "string" && /^\d+$/.test(first))) {
    // listen(port[, host][, backlog][, callback]): put the host in, or replace the one given.
    if (typeof args[1] === "string") {
      args[1] = LOOPBACK;
    } else {
      args.splice(1, 0, LOOPBACK);
    }
  } else if (first !== null && typeof first === "object" && "port" in first) {
    args[0] = { ...first, host: LOOPBACK };
  }
  return listen.apply(this, args);
};
