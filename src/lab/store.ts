// The lab's state, one store per service, each partitioned as AWS partitions it: by account, then by region.
// Nothing of one account is reachable from another (test/lab/apigw.test.ts, "another access key's account
// cannot see, list or change the API"). DynamoDB keeps its own (dynalite), CloudWatch Logs its own
// (logs/store.ts).
import { newApiGatewayState, type ApiGatewayState, type ApiRecord } from "./apigw/model.js";
import { newLambdaState, type LambdaState } from "./lambda/model.js";

/** One service's state of one account's region. */
export interface Regional<T> {
  account: string;
  region: string;
  state: T;
}

/** One service's state, made on first use in each account and region. */
export class RegionalStore<T> {
  private readonly regions = new Map<string, Regional<T>>();

  constructor(private readonly create: () => T) {}

  region(account: string, region: string): T {
    const key = `${account}/${region}`;
    let regional = this.regions.get(key);
    if (!regional) {
      regional = { account, region, state: this.create() };
      this.regions.set(key, regional);
    }
    return regional.state;
  }

  /** Every region of an account this service holds state in. */
  regionsOf(account: string): Regional<T>[] {
    return [...this.regions.values()].filter((regional) => regional.account === account);
  }

  protected all(): Iterable<Regional<T>> {
    return this.regions.values();
  }
}

export class ApiGatewayStore extends RegionalStore<ApiGatewayState> {
  constructor() {
    super(newApiGatewayState);
  }

  /** apiIds are unique across AWS: the WebSocket endpoint finds its API by id alone. */
  findApi(apiId: string): { account: string; region: string; record: ApiRecord } | undefined {
    for (const { account, region, state } of this.all()) {
      const record = state.apis.get(apiId);
      if (record) return { account, region, record };
    }
    return undefined;
  }
}

export interface LabStores {
  apigw: ApiGatewayStore;
  lambda: RegionalStore<LambdaState>;
}

export function newLabStores(): LabStores {
  return { apigw: new ApiGatewayStore(), lambda: new RegionalStore(newLambdaState) };
}
