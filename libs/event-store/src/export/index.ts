export * from './export-line';
export * from './ndjson-export';
export * from './export-file-reader';
export * from './sqlite-import';
export * from './import-export-file';
