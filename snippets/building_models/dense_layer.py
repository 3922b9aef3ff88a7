import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)

# A tensor: an array of numbers with a shape and a dtype (the number type).
# Here, one sample with 3 features.
x = keras.ops.convert_to_tensor([[1.0, -2.0, 3.0]])
print(x.shape, keras.ops.dtype(x))
#> (1, 3) float32

# A Dense layer with 2 units: each unit takes a weighted sum of all 3 inputs,
# adds its bias, and passes the result through the activation function.
# Biases start at 0 by default; 3 here, so that the check below sees them.
dense = layers.Dense(2, activation="relu")
dense.build((None, 3))
dense.bias.assign([3.0, 3.0])
y = dense(x)
print(dense.kernel.shape, dense.bias.shape, y.shape)
#> (3, 2) (2,) (1, 2)
weighted_sums = x @ dense.kernel  # one per unit
print(keras.ops.convert_to_numpy(weighted_sums).round(3))
#> [[-2.141 -0.754]]
print(keras.ops.convert_to_numpy(y).round(3))
#> [[0.859 2.246]]
by_hand = keras.ops.relu(weighted_sums + dense.bias)
print(np.allclose(y, by_hand))
#> True

# relu turns negative numbers into 0 and keeps the others;
# sigmoid squashes any number into the range from 0 to 1.
z = keras.ops.convert_to_tensor([-2.0, 0.0, 2.0])
print(keras.ops.convert_to_numpy(keras.ops.relu(z)))
#> [0. 0. 2.]
print(keras.ops.convert_to_numpy(keras.ops.sigmoid(z)).round(3))
#> [0.119 0.5   0.881]
