// The picture behind the current image input (the pixels the model saw, after resizing), so outputs
// shaped like images can be drawn over it. Tied to that input tensor: once the input is replaced
// (another picture, a typed tensor, another model), there is no picture for it.
import type { Rgba } from '../../lib/preprocess/image.ts';
import type { PlainTensor } from '../../lib/tensors/types.ts';

class InputPicture {
  private tensor = $state.raw<PlainTensor | null>(null);
  private pixels = $state.raw<Rgba | null>(null);

  /** Remember that `tensor` was made from `pixels`. */
  set(tensor: PlainTensor, pixels: Rgba): void {
    this.tensor = tensor;
    this.pixels = { width: pixels.width, height: pixels.height, data: pixels.data };
  }

  /** The picture `tensor` was made from, or null when it was not made from one. */
  of(tensor: PlainTensor | undefined): Rgba | null {
    return tensor && tensor === this.tensor ? this.pixels : null;
  }
}

export const inputPicture = new InputPicture();
