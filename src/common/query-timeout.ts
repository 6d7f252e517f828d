import { AfterQueryEvent, EntitySubscriberInterface, EventSubscriber } from 'typeorm';

/**
 * mysql2 gives up waiting at the query timeout but keeps the connection, with the
 * unanswered query still at the head of its queue: whoever borrows it next waits
 * forever. Such a connection is destroyed instead, so the pool opens a fresh one.
 */
@EventSubscriber()
export class DropTimedOutConnections implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent): void {
    if (
      event.success ||
      (event.error as { code?: string } | undefined)?.code !== 'PROTOCOL_SEQUENCE_TIMEOUT'
    ) {
      return;
    }
    const connection = (event.queryRunner as { databaseConnection?: { destroy?: () => void } })
      .databaseConnection;
    connection?.destroy?.();
  }
}
