// The declared inputs and outputs of Silero VAD v4 (as onnxruntime lists them), for tests of the
// sequence planning on the page, in the CLI and in lib: one copy of the fixture.
export const silero = {
  inputs: [
    { name: 'input', type: 'float32', dims: ['batch', 'sequence'] },
    { name: 'sr', type: 'int64', dims: [] },
    { name: 'h', type: 'float32', dims: [2, 'batch', 64] },
    { name: 'c', type: 'float32', dims: [2, 'batch', 64] },
  ],
  outputs: [
    { name: 'output', type: 'float32', dims: ['batch', 1] },
    { name: 'hn', type: 'float32', dims: [2, 'batch', 64] },
    { name: 'cn', type: 'float32', dims: [2, 'batch', 64] },
  ],
};
