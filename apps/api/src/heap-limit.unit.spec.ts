import { API_HEAP_OPTIONS, heapLimitNotice } from './heap-limit';

describe('the heap limit the api states at start', () => {
  it('gives the limit the heap options set', () => {
    expect(heapLimitNotice(416 * 2 ** 20)).toBe('heap limit 416 MiB');
  });

  it("warns when the limit is V8's default, naming the options that bound it", () => {
    const notice = heapLimitNotice(4144 * 2 ** 20);
    expect(notice).toMatch(/^heap limit 4144 MiB: V8's default/);
    expect(notice).toContain(`node ${API_HEAP_OPTIONS.join(' ')}`);
  });
});
