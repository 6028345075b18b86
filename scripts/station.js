#!/usr/bin/env node
// The station command (`npm run station -- …`, `npm start`): registers the TypeScript loader, then runs it.
import { register } from "tsx/esm/api";

register();
const { main } = await import("./station/main.ts");
process.exitCode = await main(process.argv.slice(2));
