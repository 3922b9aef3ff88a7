import keras
from keras import layers

keras.utils.set_random_seed(0)

# One sample is 5 rows of 3 features: a tensor of shape (5, 3).
inputs = keras.Input(shape=(5, 3))
outputs = layers.Dense(2, name="dense")(inputs)
model = keras.Model(inputs=inputs, outputs=outputs)

# Dense works on the last axis only: each of the 5 rows goes through the
# same 3 x 2 kernel. The guess (None, 2) with 5 * 3 * 2 + 2 = 32 weights
# is what most readers predict, and it is wrong.
print(outputs.shape)
#> (None, 5, 2)
dense = model.get_layer("dense")
print(dense.kernel.shape, dense.bias.shape, dense.count_params())
#> (3, 2) (2,) 8

# A batch of 4 samples gives 4 x 5 rows of 2 outputs.
print(model(keras.ops.ones((4, 5, 3))).shape)
#> (4, 5, 2)
