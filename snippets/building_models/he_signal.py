import keras
import numpy as np
from keras import layers

keras.utils.set_random_seed(0)

# 1000 made-up samples with 256 features, typical size 1.
rng = np.random.default_rng(0)
x = rng.normal(size=(1000, 256)).astype("float32")


def sizes(initializer):
    """The typical size (root mean square) after each of 10 ReLU layers."""
    h = x
    result = []
    for _ in range(10):
        dense = layers.Dense(
            256, activation="relu", kernel_initializer=initializer
        )
        h = dense(h)
        result.append(f"{float(np.sqrt(np.mean(np.square(h)))):.2g}")
    return " ".join(result)


# he_normal: the signal keeps roughly the same size, layer after layer.
print(sizes("he_normal"))
#> 1 1 1 0.94 0.99 0.99 1.1 1.1 1.1 1
# A normal with a small fixed stddev: the signal shrinks towards 0.
print(sizes(keras.initializers.RandomNormal(stddev=0.01)))
#> 0.11 0.013 0.0015 0.00017 1.9e-05 2.2e-06 2.5e-07 3e-08 3.5e-09 4.2e-10
