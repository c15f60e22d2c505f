import { generateLog } from './benchmarks/projections/generate-log';
generateLog('/tmp/bench1m', 1_000_000).then((r) => console.log(JSON.stringify(r)));
