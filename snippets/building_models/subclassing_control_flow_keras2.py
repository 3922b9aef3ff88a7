import os

# Set before importing tensorflow: tf.keras then means Keras 2 (tf-keras).
os.environ["TF_USE_LEGACY_KERAS"] = "1"

import numpy as np
import tensorflow as tf

keras = tf.keras
layers = keras.layers

keras.utils.set_random_seed(0)

# The package the Model class comes from: tf_keras, that is, Keras 2.
print(keras.Model.__module__.split(".")[0])
#> tf_keras

x = np.ones((4, 3), dtype="float32")
y = np.ones((4, 2), dtype="float32")

eager = []  # whether call() ran eagerly, each time it ran


class TensorIf(keras.Model):
    """The same Python `if` on a tensor's value, in Keras 2."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.dense = layers.Dense(2)

    def call(self, inputs):
        eager.append(tf.executing_eagerly())
        if tf.reduce_sum(inputs) > 0:  # needs the values of `inputs`
            return self.dense(inputs)
        return -self.dense(inputs)


# A plain fit(), without run_eagerly=True: no error, one epoch of training.
model = TensorIf()
model.compile(optimizer="sgd", loss="mse")
print(len(model.fit(x, y, epochs=1, verbose=0).history["loss"]))
#> 1
# Did call() ever run eagerly there? No: fit() traced it into a graph.
print(any(eager))
#> False
