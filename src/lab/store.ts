// All the lab's state, partitioned as AWS partitions it: by account, then by region. Nothing of one
// account is reachable from another (test/lab/apigw.test.ts, "another access key's account cannot see,
// list or change the API").
import { newApiGatewayState, type ApiGatewayState, type ApiRecord } from "./apigw/model.js";
import { newLambdaState, type LambdaState } from "./lambda/model.js";

export interface RegionState {
  account: string;
  region: string;
  apigw: ApiGatewayState;
  lambda: LambdaState;
}

export class LabStore {
  private readonly regions = new Map<string, RegionState>();

  region(account: string, region: string): RegionState {
    const key = `${account}/${region}`;
    let state = this.regions.get(key);
    if (!state) {
      state = { account, region, apigw: newApiGatewayState(), lambda: newLambdaState() };
      this.regions.set(key, state);
    }
    return state;
  }

  /** Every region an account has touched, for "does OrderCallbackAPI exist in another region?". */
  regionsOf(account: string): RegionState[] {
    return [...this.regions.values()].filter((state) => state.account === account);
  }

  /** apiIds are unique across AWS: the WebSocket endpoint finds its API by id alone. */
  findApi(apiId: string): { state: RegionState; record: ApiRecord } | undefined {
    for (const state of this.regions.values()) {
      const record = state.apigw.apis.get(apiId);
      if (record) return { state, record };
    }
    return undefined;
  }
}
