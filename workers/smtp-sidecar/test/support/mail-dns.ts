/**
 * The mail world's DNS: a real authoritative server (dns2, UDP on loopback)
 * answering MX, A and AAAA from a zone table, NXDOMAIN for unknown names,
 * SERVFAIL for names marked broken, and RFC 7505 null MX.
 */
import dns2 from "dns2";

const { Packet } = dns2;

/** The records of one name. */
export interface ZoneEntry {
  mx?: { exchange: string; priority: number }[];
  a?: string[];
  aaaa?: string[];
  servfail?: boolean;
}

/** A running DNS server and its `host:port` for DNS_SERVERS. */
export interface MailDnsServer {
  server: string;
  close(): Promise<void>;
}

/** Starts a DNS server for `zone` (names lower case, no trailing dot) on 127.0.0.1. */
export async function startMailDns(zone: Map<string, ZoneEntry>, port = 0): Promise<MailDnsServer> {
  const server = dns2.createServer({
    udp: true,
    handle: (request, send) => {
      const response = Packet.createResponseFromRequest(request);
      const question = request.questions[0];
      if (!question) return send(response);
      const name = question.name.toLowerCase().replace(/\.$/, "");
      const entry = zone.get(name);
      response.header.aa = 1;
      if (!entry) response.header.rcode = Packet.RCODE.NXDOMAIN;
      else if (entry.servfail) response.header.rcode = Packet.RCODE.SERVFAIL;
      else if (question.type === Packet.TYPE.MX) {
        for (const mx of entry.mx ?? []) {
          response.answers.push(
            new Packet.Resource({ name, type: Packet.TYPE.MX, class: Packet.CLASS.IN, ttl: 60, ...mx }),
          );
        }
      } else if (question.type === Packet.TYPE.A) {
        for (const address of entry.a ?? []) {
          response.answers.push(
            new Packet.Resource({ name, type: Packet.TYPE.A, class: Packet.CLASS.IN, ttl: 60, address }),
          );
        }
      } else if (question.type === Packet.TYPE.AAAA) {
        for (const address of entry.aaaa ?? []) {
          response.answers.push(
            new Packet.Resource({ name, type: Packet.TYPE.AAAA, class: Packet.CLASS.IN, ttl: 60, address }),
          );
        }
      }
      send(response);
    },
  });
  const addresses = await server.listen({ udp: { port, address: "127.0.0.1" } });
  const udp = addresses.udp as { port: number } | undefined;
  if (!udp) throw new Error("DNS server did not bind");
  return {
    server: `127.0.0.1:${udp.port}`,
    close: async () => {
      await server.close();
    },
  };
}
