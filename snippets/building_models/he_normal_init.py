import math

import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)

# The string "he_normal" names the HeNormal initializer, used here for the
# kernel only. The bias has its own initializer, Zeros by default.
layer = layers.Dense(3, kernel_initializer="he_normal")
layer.build((None, 3))
print(type(layer.kernel_initializer).__name__)
#> HeNormal
print(type(layer.bias_initializer).__name__)
#> Zeros
print(layer.bias.numpy())
#> [0. 0. 0.]

# A large Dense kernel: fan_in = 1000 inputs, 500 units.
fan_in = 1000
initializer = keras.initializers.HeNormal(seed=0)
w = keras.ops.convert_to_numpy(initializer((fan_in, 500)))
target = math.sqrt(2 / fan_in)

# The samples have mean ~0 and standard deviation ~sqrt(2 / fan_in).
print(round(float(w.mean()), 4), round(float(w.std()), 4), round(target, 4))
#> 0.0002 0.0446 0.0447

# Cutting a normal off at 2 standard deviations makes it narrower: what is
# left has 0.8796 times the standard deviation of the full normal.
inside = math.erf(2 / math.sqrt(2))  # the share of a normal within 2 stddev
density = math.exp(-2) / math.sqrt(2 * math.pi)  # its density at 2 stddev
narrowing = math.sqrt(1 - 4 * density / inside)
print(round(narrowing, 4))
#> 0.8796

# Keras samples from a normal widened by 1 / 0.8796 and keeps nothing beyond
# 2 of those wider stddevs, so the largest absolute value comes close to
# 2 / 0.8796 times sqrt(2 / fan_in), past 2 times.
print(round(float(np.abs(w).max()) / target, 3), round(2 / narrowing, 3))
#> 2.274 2.274

# None of the 500,000 weights lies beyond 2 of the wider stddevs.
wide = target / narrowing
print(int(np.sum(np.abs(w) > 2 * wide)))
#> 0

# Not clipped: clipping would pile up the 4.55% of a normal that lies
# beyond the cut right at the cut. Here almost none is that close.
near_cut = np.mean(np.abs(w) > 0.999 * 2 * wide)
print(round(1 - inside, 4), round(float(near_cut), 4))
#> 0.0455 0.0002
