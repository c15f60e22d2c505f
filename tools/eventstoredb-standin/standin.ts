import {
  Server,
  ServerCredentials,
  status,
  type handleUnaryCall,
  type ServerWritableStream,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { appendHandler } from './append';
import type { CallRecord, HandlerContext } from './context';
import { recordCall, rpcError } from './context';
import { EventLog } from './event-log';
import { faultStatus, Faults } from './faults';
import { ReadSink } from './read-sink';
import { readAll, readStream } from './reads';
import { subscribeToAll } from './subscription';
import { writeFirstStartEvents, writeEpoch, writeStatsEvent } from './system-events';
import { TcpFront } from './tcp-front';
import {
  ReadReq,
  ServerFeaturesService,
  StreamsService,
  streamNameOf,
  supportedMethods,
  type Empty,
  type ReadResp,
  type SupportedMethods,
} from './wire';

export interface StandInOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port, kept across stop()/start(). */
  port?: number;
  /** What GetSupportedMethods reports. Default '24.10.0'. */
  serverVersion?: string;
  /** false: ServerFeatures answers UNIMPLEMENTED, as EventStoreDB 20.6 does (the client then falls back). */
  serverFeatures?: boolean;
  /** A `$statsCollected` system event after every N appends (0: never). Default 3. */
  systemEventEvery?: number;
  /** Default 1 MiB, as ClusterVNodeOptions.MaxAppendSize. */
  maxAppendSize?: number;
}

/**
 * A wire-level EventStoreDB stand-in FOR TESTS: the real @eventstore/db-client talks gRPC to it over TCP.
 * Data lives in memory in `log` and survives stop()/start() of the server; see README.md for what is left out.
 */
export class EventStoreDbStandIn {
  readonly log = new EventLog();
  readonly faults = new Faults();
  /** Every call received, in order (ServerFeatures included). */
  readonly journal: CallRecord[] = [];
  private readonly front = new TcpFront(() => this.upstreamPort);
  private server: Server | undefined;
  private upstreamPort = 0;
  private port: number;
  private readonly host: string;
  private appendsSinceStats = 0;
  private starts = 0;
  private refusing: Promise<void> | undefined;

  private constructor(private readonly options: StandInOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.port = options.port ?? 0;
  }

  static async create(options: StandInOptions = {}): Promise<EventStoreDbStandIn> {
    const standIn = new EventStoreDbStandIn(options);
    await standIn.start();
    return standIn;
  }

  get connectionString(): string {
    return `esdb://${this.host}:${this.port}?tls=false`;
  }

  get endpoint(): { host: string; port: number } {
    return { host: this.host, port: this.port };
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Starts the gRPC server (again) on the same port: a node start, which writes a new epoch. */
  async start(): Promise<void> {
    if (this.server) return;
    const server = new Server();
    server.addService(StreamsService, this.streamsImplementation());
    server.addService(ServerFeaturesService, {
      getSupportedMethods: this.getSupportedMethods,
    } as UntypedServiceImplementation);
    this.upstreamPort = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, port) =>
        error ? reject(error) : resolve(port),
      ),
    );
    this.server = server;
    this.port = await this.front.listen(this.host, this.port);
    this.starts += 1;
    writeEpoch(this.log, this.starts, this.endpoint);
    if (this.starts === 1) writeFirstStartEvents(this.log, this.endpoint);
  }

  /** Stops the server: the port is closed, every connection and call is cut. Data is kept. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    await this.front.close();
    server?.forceShutdown();
    this.log.forgetCachedIds(); // what a node keeps in memory only goes with the process
  }

  async restart(): Promise<void> {
    await this.stop();
    await this.start();
  }

  /** Closes the port for `ms` (connections are refused, open ones reset), then accepts again; resolves then. */
  refuseConnectionsFor(ms: number): Promise<void> {
    const reopen = async (): Promise<void> => {
      await this.front.close();
      await new Promise((resolve) => setTimeout(resolve, ms));
      if (this.server) await this.front.listen(this.host, this.port);
    };
    this.refusing = reopen().finally(() => (this.refusing = undefined));
    return this.refusing;
  }

  /** Resets every open client connection (TCP RST); the port stays open. Answers how many there were. */
  dropConnections(): number {
    return this.front.resetAll();
  }

  /** Writes a system event now (e.g. to interleave `$`-events at a chosen point of a test). */
  writeSystemEvent(streamId: string, type: string, data: unknown): void {
    this.log.writeSystemEvent(streamId, type, data);
  }

  async close(): Promise<void> {
    await this.refusing?.catch(() => undefined);
    await this.stop();
  }

  private get context(): HandlerContext {
    return {
      log: this.log,
      faults: this.faults,
      front: this.front,
      journal: this.journal,
      maxAppendSize: this.options.maxAppendSize ?? 1024 * 1024,
      afterWrite: () => {
        const every = this.options.systemEventEvery ?? 3;
        if (every > 0 && ++this.appendsSinceStats >= every) {
          this.appendsSinceStats = 0;
          writeStatsEvent(this.log, this.endpoint);
        }
      },
    };
  }

  private readonly getSupportedMethods: handleUnaryCall<Empty, SupportedMethods> = (call, callback) => {
    recordCall(this.context, call, 'features');
    const fault = this.faults.take('features');
    const answer = fault ? faultStatus(fault) : undefined;
    if (fault?.kind === 'drop') return void this.front.resetByPeer(call.getPeer());
    if (fault !== undefined && answer === undefined) return; // hang
    if (answer) return callback(answer);
    if (this.options.serverFeatures === false) return callback(rpcError(status.UNIMPLEMENTED, 'Method not found'));
    callback(null, supportedMethods(this.options.serverVersion ?? '24.10.0'));
  };

  private streamsImplementation(): UntypedServiceImplementation {
    return {
      append: appendHandler(this.context),
      read: (call: ServerWritableStream<ReadReq, ReadResp>) => void this.read(call),
    };
  }

  /** Streams.Read: which enumerator answers is chosen as in Streams.Read.cs CreateEnumerator. */
  private async read(call: ServerWritableStream<ReadReq, ReadResp>): Promise<void> {
    const sink = new ReadSink(call);
    const options = call.request.getOptions();
    if (options === undefined) return sink.fail(rpcError(status.INVALID_ARGUMENT, 'Options are required'));
    const subscription = options.hasSubscription();
    const target = subscription ? 'subscribe' : 'read';
    recordCall(
      this.context,
      call,
      target,
      options.hasAll() ? '$all' : streamNameOf(options.getStream()?.getStreamIdentifier()),
    );
    const fault = this.faults.take(target);
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'drop') return void this.front.resetByPeer(call.getPeer());
    const faultAnswer = fault ? faultStatus(fault) : undefined;
    if (faultAnswer) return sink.fail(faultAnswer);
    const uuidAsString = options.getUuidOption()?.hasString() ?? false;
    const filtered = options.hasFilter();
    try {
      if (options.hasStream() && !subscription && !filtered)
        return await readStream(this.log, options, sink, uuidAsString);
      if (options.hasAll() && !subscription && !filtered) return await readAll(this.log, options, sink, uuidAsString);
      if (options.hasAll() && subscription && options.getReadDirection() === ReadReq.Options.ReadDirection.FORWARDS) {
        return await subscribeToAll(this.log, options, sink, uuidAsString);
      }
      sink.fail(
        rpcError(
          status.UNIMPLEMENTED,
          'This read (stream subscription or filtered read) is not implemented by the stand-in',
        ),
      );
    } catch (error) {
      sink.fail(rpcError(status.UNKNOWN, error instanceof Error ? error.message : String(error)));
    }
  }
}
