/**
 * Bot Framework authentication with no Microsoft in the loop: a local OpenID document and
 * key set that botbuilder's token validation trusts, a signer for the tokens Teams would
 * send, and outgoing credentials that sign nothing. With these the real `CloudAdapter`
 * checks every inbound token exactly as in production (TEAMS.md "Testing without Teams").
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { CallerIdConstants, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import { type BotFrameworkAuthentication, ServiceClientCredentialsFactory } from "botframework-connector";
import { type CryptoKey, exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";

/** The issuer Teams' tokens carry; the adapter is configured to expect exactly this. */
export const CHANNEL_ISSUER = "https://api.botframework.com";

export type SignOptions = {
  appId: string;
  /** Must equal the activity's serviceUrl, or botbuilder refuses the token. */
  serviceUrl: string;
  /**
   * Lifetime from now (default 3600). botbuilder allows 5 minutes of clock skew, so an
   * expired token needs less than -300.
   */
  expiresInSeconds?: number;
  issuer?: string;
  /** "other" signs with a key the key set does not publish: a forged token. */
  key?: "good" | "other";
  /** Overrides the header's key id, e.g. a forgery naming the published key (`server.keyId`). */
  kid?: string;
};

export type BotAuthServer = {
  url: string;
  /**
   * Where botbuilder reads the OpenID document (channel and emulator settings both). It caches
   * keys per URL for the whole process; each server's own port keeps test files apart.
   */
  openIdMetadataUrl: string;
  issuer: string;
  /** The id of the one published key. */
  keyId: string;
  /** A bearer token (without the "Bearer " prefix). */
  sign(opts: SignOptions): Promise<string>;
  close(): Promise<void>;
};

type SigningKey = { kid: string; privateKey: CryptoKey; jwk: JWK };

async function signingKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair("RS256", { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" } };
}

export async function startBotAuthServer(): Promise<BotAuthServer> {
  const good = await signingKey("test-channel-key");
  const other = await signingKey("forged-key");
  let url = "";
  const openIdPath = "/v1/.well-known/openidconfiguration";

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0];
    // botbuilder rejects a token from the msteams channel unless its key is endorsed for it.
    const documents: Record<string, unknown> = {
      [openIdPath]: {
        issuer: CHANNEL_ISSUER,
        jwks_uri: `${url}keys`,
        id_token_signing_alg_values_supported: ["RS256"],
      },
      "/keys": { keys: [{ ...good.jwk, endorsements: ["msteams"] }] },
    };
    const body = path === undefined ? undefined : documents[path];
    res.writeHead(body ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;

  return {
    url,
    openIdMetadataUrl: `${url}${openIdPath.slice(1)}`,
    issuer: CHANNEL_ISSUER,
    keyId: good.kid,
    async sign({ appId, serviceUrl, expiresInSeconds = 3600, issuer = CHANNEL_ISSUER, key = "good", kid }) {
      const signer = key === "good" ? good : other;
      const now = Math.floor(Date.now() / 1000);
      const exp = now + expiresInSeconds;
      return new SignJWT({ serviceurl: serviceUrl })
        .setProtectedHeader({ alg: "RS256", kid: kid ?? signer.kid, typ: "JWT" })
        .setIssuer(issuer)
        .setAudience(appId)
        .setIssuedAt(Math.min(now, exp) - 60)
        .setNotBefore(Math.min(now, exp) - 60)
        .setExpirationTime(exp)
        .sign(signer.privateKey);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

/**
 * Outgoing calls go to the connector stub, which needs no token: credentials that leave
 * requests as they are, so nothing ever asks Entra ID for one.
 */
class OfflineCredentialsFactory extends ServiceClientCredentialsFactory {
  constructor(private readonly appId: string) {
    super();
  }
  override async isValidAppId(appId: string): Promise<boolean> {
    return appId === this.appId;
  }
  // Enabled, so inbound tokens are really validated.
  override async isAuthenticationDisabled(): Promise<boolean> {
    return false;
  }
  override async createCredentials() {
    return { signRequest: async <T>(webResource: T): Promise<T> => webResource };
  }
}

/** The adapter's authentication for tests: production rules, local keys. */
export function testBotFrameworkAuthentication(appId: string, server: BotAuthServer): BotFrameworkAuthentication {
  // Setting any of the parameterised URLs makes botbuilder take all of them as given, so
  // each is set: the unused login and OAuth URLs point at the local server, never Microsoft.
  return new ConfigurationBotFrameworkAuthentication(
    {
      MicrosoftAppId: appId,
      ToBotFromChannelOpenIdMetadataUrl: server.openIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: server.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: server.issuer,
      ToChannelFromBotLoginUrl: `${server.url}login`,
      ToChannelFromBotOAuthScope: CHANNEL_ISSUER,
      OAuthUrl: `${server.url}oauth`,
      CallerId: CallerIdConstants.PublicAzureChannel,
      ValidateAuthority: false,
    },
    new OfflineCredentialsFactory(appId),
  );
}
