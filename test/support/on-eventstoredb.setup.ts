// Setup file of the jest project `e2e-eventstoredb`: every api the harness starts runs on EventStoreDB
// (the wire stand-in, or the server EVENTSTORE_CONNECTION_STRING names).
process.env.ITP_E2E_EVENT_STORE = 'eventstoredb';
