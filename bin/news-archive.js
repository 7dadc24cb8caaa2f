#!/usr/bin/env node
// Node 20 cannot run TypeScript by itself: tsx compiles src/ on the fly, from any folder.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
