export { buildApp, type AppOptions } from './app.ts';
export { ConfigError, loadConfig, type ServerConfig } from './config.ts';
export { startServer, type FirstStart, type RunningServer } from './start.ts';
export { SERVER_VERSION } from './version.ts';
