#!/usr/bin/env node
// Runs the command line from its TypeScript sources (Node 24 strips the types).
await import('../electron/cli/index.ts');
