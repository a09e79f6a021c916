# workerd config for web/test/workerd.test.mjs. The socket's address is set on the command
# line (--socket-addr), the sandbox's URL and key come from the environment.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # Workers reach the network through a service; the sandbox is on loopback ("local").
    (name = "internet", network = (allow = ["public", "private", "local"])),
  ],
  sockets = [(name = "http", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [
    (name = "worker.mjs", esModule = embed "worker.mjs"),
    (name = "clerkmini.mjs", esModule = embed "../../clerkmini.mjs"),
    (name = "errors.mjs", esModule = embed "../../errors.mjs"),
    (name = "args.mjs", esModule = embed "../../args.mjs"),
    (name = "keepalive.mjs", esModule = embed "../../keepalive.mjs"),
    (name = "wasm_exec.js", esModule = embed "../../wasm_exec.js"),
    (name = "clerkmini.wasm", wasm = embed "../../clerkmini.wasm"),
  ],
  compatibilityDate = "2026-11-01",
  bindings = [
    (name = "CLERK_API_URL", fromEnvironment = "CLERK_API_URL"),
    (name = "CLERK_SECRET_KEY", fromEnvironment = "CLERK_SECRET_KEY"),
  ],
  globalOutbound = "internet",
);
