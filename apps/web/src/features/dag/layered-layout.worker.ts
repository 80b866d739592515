import { layeredLayout } from './layered-layout.ts';
import { serveLayouts } from './serve-layouts.ts';

// Large graphs: no ELK to load, so even a fresh page's first layout answers at once.
serveLayouts(layeredLayout);
