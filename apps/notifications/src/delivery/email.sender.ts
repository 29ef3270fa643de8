import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { NOTIFICATIONS_CONFIG, type NotificationsConfig } from '../notifications.config.js';

export interface OutgoingEmail {
  deliveryId: string;
  to: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
}

/**
 * SMTP through nodemailer (SMTP_URL: `smtp://user:pass@host:587`, `smtps://…` for implicit TLS).
 * One connection per message, so an SMTP server that went away costs nothing until it is back.
 * The Message-ID is derived from the delivery id: a retry after an ambiguous failure (the server
 * took the message but the connection dropped before its answer) carries the same id, which lets
 * mail systems recognise the duplicate.
 */
@Injectable()
export class EmailSender implements OnApplicationShutdown {
  private readonly transport: Transporter;

  constructor(@Inject(NOTIFICATIONS_CONFIG) private readonly config: NotificationsConfig) {
    this.transport = createTransport({
      url: config.SMTP_URL,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
    } as Parameters<typeof createTransport>[0]);
  }

  async send(email: OutgoingEmail): Promise<string> {
    const info = await this.transport.sendMail({
      from: this.config.NOTIFICATIONS_MAIL_FROM,
      to: email.to,
      subject: email.subject,
      text: email.text,
      html: email.html,
      messageId: `<${email.deliveryId}@trienkhai.notifications>`,
      headers: { 'X-Trienkhai-Delivery': email.deliveryId },
    });
    return String(info.response ?? info.messageId ?? '');
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
