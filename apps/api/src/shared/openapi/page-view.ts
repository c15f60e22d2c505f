import { type Type } from '@nestjs/common';
import { Int, List } from './view-properties';

/**
 * A page of a list (`?page=&pageSize=`): its items, then how many there are in all and where the page stands.
 * Each list names its own schema: `@ApiSchema({ name: 'ParkPage' }) class ParkPageView extends PageOf(() => ParkView)`.
 */
export const PageOf = <T>(item: () => Type<T>) => {
  abstract class PageView {
    @List(item)
    items!: T[];

    @Int({ minimum: 0 })
    total!: number;

    @Int({ minimum: 1 })
    page!: number;

    @Int({ minimum: 1 })
    pageSize!: number;
  }
  return PageView;
};
