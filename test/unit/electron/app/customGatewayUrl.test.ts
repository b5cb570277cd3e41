import { decideCustomGatewayUrl } from '../../../../electron/app/customGatewayUrl';

describe('decideCustomGatewayUrl', () => {
  it.each([
    ['https://gateway.example', 'https://gateway.example'],
    ['https://gateway.example:8443/v1.2/', 'https://gateway.example:8443/v1.2'],
    ['  https://GATEWAY.example//  ', 'https://gateway.example'],
    ['http://localhost:9000', 'http://localhost:9000'],
    ['http://127.0.0.1:9000/', 'http://127.0.0.1:9000'],
    ['http://127.45.6.7', 'http://127.45.6.7'],
    // The URL parser's canonical IPv4: still 127.0.0.0/8.
    ['http://127.1:9000', 'http://127.0.0.1:9000'],
    ['http://0x7f.0.0.1', 'http://127.0.0.1'],
    ['http://[::1]:9000', 'http://[::1]:9000'],
    ['http://[0:0:0:0:0:0:0:1]', 'http://[::1]'],
  ])('allows %s', (text, baseUrl) => {
    expect(decideCustomGatewayUrl(text)).toEqual({ ok: true, baseUrl });
  });

  it.each([
    ['http://gateway.example', 'httpNotLoopback'],
    ['http://192.168.1.20:9000', 'httpNotLoopback'],
    ['http://10.0.0.1', 'httpNotLoopback'],
    ['http://128.0.0.1', 'httpNotLoopback'],
    ['http://localhost.', 'httpNotLoopback'],
    ['http://api.localhost', 'httpNotLoopback'],
    ['http://localhost.attacker.example', 'httpNotLoopback'],
    ['http://127.0.0.1.attacker.example', 'httpNotLoopback'],
    ['http://[::ffff:127.0.0.1]', 'httpNotLoopback'],
    ['http://[::]', 'httpNotLoopback'],
    ['http://0.0.0.0', 'httpNotLoopback'],
    ['https://user:pw@gateway.example', 'credentials'],
    ['http://user@127.0.0.1', 'credentials'],
    ['https://gateway.example/?x=1', 'queryOrFragment'],
    ['https://gateway.example/?', 'queryOrFragment'],
    ['https://gateway.example/#top', 'queryOrFragment'],
    ['ftp://gateway.example', 'notHttp'],
    ['file:///etc/passwd', 'notHttp'],
    ['javascript:alert(1)', 'notHttp'],
    ['gateway.example', 'notUrl'],
    ['', 'notUrl'],
    ['https://', 'notUrl'],
  ])('refuses %s (%s)', (text, reason) => {
    expect(decideCustomGatewayUrl(text)).toEqual({ ok: false, reason });
  });
});
