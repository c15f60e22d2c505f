import { Inject, Injectable } from '@nestjs/common';
import { ProjectionsHost } from '../../projections/projections-host.service';
import { CLOCK, type Clock } from '../http/clock';

const shanghaiDateTime = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

export type Stamp = { position: number; at: Date; text: string };

/**
 * The instant an export reflects: the time it was read (Asia/Shanghai) and the position of the event log that
 * every read model it reads had folded by then (the lowest of their checkpoints).
 */
@Injectable()
export class ExportStamp {
  constructor(
    private readonly host: ProjectionsHost,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async of(readModels: readonly string[]): Promise<Stamp> {
    const checkpoints = [...(await this.host.checkpoints(readModels)).values()];
    const position = checkpoints.length === 0 ? 0 : Math.min(...checkpoints);
    const at = this.clock();
    return { position, at, text: stampText(position, at) };
  }
}

export const stampText = (position: number, at: Date): string =>
  `数据时点：${shanghaiDateTime.format(at)}（北京时间）读取，读模型已处理至事件日志位置 ${position}`;
