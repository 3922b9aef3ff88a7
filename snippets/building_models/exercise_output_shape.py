import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)

# One sample is 5 rows of 3 features: a tensor of shape (5, 3).
inputs = keras.Input(shape=(5, 3))
outputs = layers.Dense(2, name="dense")(inputs)
model = keras.Model(inputs=inputs, outputs=outputs)

# The usual guess is (None, 2) with 5 x 3 x 2 + 2 = 32 parameters. But Dense
# works on the last axis only: one 3 x 2 kernel and 2 biases for every row.
print(outputs.shape)
#> (None, 5, 2)
dense = model.get_layer("dense")
print(dense.kernel.shape, dense.bias.shape, dense.count_params())
#> (3, 2) (2,) 8

# A batch of 4 samples: each of the 4 x 5 rows goes through the same kernel.
x = np.random.default_rng(0).normal(size=(4, 5, 3)).astype("float32")
y = model(x)
print(y.shape)
#> (4, 5, 2)
print(np.allclose(y, x @ dense.kernel.numpy() + dense.bias.numpy()))
#> True
