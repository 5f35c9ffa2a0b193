import { describe, expect, it } from 'vitest';
import { createHttpHeaders, type Pipeline, type PipelineRequest, type PipelineResponse } from '@azure/core-rest-pipeline';
import { ArmRequestError, ArmTransport } from '../../../../src/adapters/arm/ArmTransport';
import { ApiVersionUnsupportedError } from '../../../../src/ports';

const PATH = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/fleets/f/gates/g';

/** An ARM front door that answers every request with one canned error. */
function answering(status: number, code: string, message: string): ArmTransport {
  const pipeline = {
    sendRequest: (_client: unknown, request: PipelineRequest): Promise<PipelineResponse> =>
      Promise.resolve({ request, status, headers: createHttpHeaders({ 'content-type': 'application/json' }), bodyAsText: JSON.stringify({ error: { code, message } }) }),
  } as unknown as Pipeline;
  return new ArmTransport(pipeline, 'https://management.example', { pollIntervalInMs: 1, lroTimeoutInMs: 1000 });
}

describe('ArmTransport: which ARM answers mean "this api-version is not served"', () => {
  it.each([
    [400, 'NoRegisteredProviderFound', "No registered resource provider found for location 'global' and API version '2026-03-02-preview' for type 'fleets/gates'."],
    [400, 'InvalidApiVersionParameter', "The api-version '2026-03-02-preview' is invalid. The supported versions are '2026-06-01'."],
    [400, 'InvalidResourceType', "The resource type 'fleets/gates' could not be found in the namespace 'Microsoft.ContainerService' for api version '2026-03-02-preview'. The supported api-versions are '2026-06-01'."],
    [404, 'InvalidResourceType', "The resource type could not be found in the namespace 'Microsoft.ContainerService' for api version '2026-03-02-preview'."],
  ])('%i %s is ApiVersionUnsupportedError (a GET never reads it as "not found")', async (status, code, message) => {
    const arm = answering(status, code, message);
    const error: unknown = await arm.get(PATH, '2026-03-02-preview').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiVersionUnsupportedError);
    expect(error).toMatchObject({ apiVersion: '2026-03-02-preview', path: PATH });
  });

  it('InvalidResourceType that does not name the api-version is a plain ARM error (a mistyped type), and a 404 of it reads as not found', async () => {
    const error: unknown = await answering(400, 'InvalidResourceType', "The resource type 'gatez' could not be found in the namespace 'Microsoft.ContainerService'.").send('GET', PATH, '2026-06-01').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArmRequestError);
    expect(await answering(404, 'ResourceNotFound', 'gone').get(PATH, '2026-06-01')).toBeUndefined();
    expect(await answering(404, 'InvalidResourceType', "could not be found in the namespace 'Microsoft.ContainerService' for api version '2026-03-02-preview'").get(PATH, '2026-06-01')).toBeUndefined();
  });
});
