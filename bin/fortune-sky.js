#!/usr/bin/env node
// The installed command runs the bundled CLI (`npm run build` writes dist/fortune-sky.js).
import '../dist/fortune-sky.js';
