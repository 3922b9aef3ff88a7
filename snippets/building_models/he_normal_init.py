import math

import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)

# The string "he_normal" names the HeNormal initializer.
layer = layers.Dense(3, kernel_initializer="he_normal")
print(type(layer.kernel_initializer).__name__)
#> HeNormal

# A large Dense kernel: fan_in = 1000 inputs, 500 units.
fan_in = 1000
initializer = keras.initializers.HeNormal(seed=0)
w = keras.ops.convert_to_numpy(initializer((fan_in, 500)))
target = math.sqrt(2 / fan_in)

# The samples have mean ~0 and standard deviation ~sqrt(2 / fan_in).
print(round(float(w.mean()), 4), round(float(w.std()), 4), round(target, 4))
#> 0.0002 0.0446 0.0447

# Truncated: draws beyond 2 stddev of the underlying normal are redrawn. Keras
# widens that normal by 1 / 0.8796 to make up for the cut tails, so the largest
# |w| is just under 2 / 0.8796 = 2.274 times sqrt(2 / fan_in).
print(round(float(np.abs(w).max()) / target, 3), round(2 / 0.87962566, 3))
#> 2.274 2.274
