import os

os.environ["KERAS_BACKEND"] = "jax"
import warnings

import jax
import keras
import numpy as np
# Internal Keras API (keras.src), used only to print the list of backends.
from keras.src.utils.backend_utils import DynamicBackend

print(keras.config.backend(), keras.__version__, "JAX", jax.__version__)
#> jax 3.15.1 JAX 0.10.2

# Keras' own check of a backend's name lists the backends it ships.
try:
    DynamicBackend().set_backend("?")
except ValueError as error:
    message = str(error)
print(message.split(". ")[0])
#> Available backends are ('tensorflow', 'jax', 'torch', 'numpy' and 'openvino')

cce = keras.losses.CategoricalCrossentropy()  # from_logits=False, the default
one_hot = np.array([[1.0, 0.0, 0.0]])
# The same logits as on TensorFlow: the true class (0) is 20 below class 1.
z = np.array([[0.0, 20.0, -20.0]], dtype="float32")


def loss_of_softmax(z):
    return cce(one_hot, keras.ops.softmax(z))


# Keras' own softmax, eagerly and compiled by jax.jit: clipped both times,
# and the gradient is zero (+ 0.0 turns -0.0 into 0.0).
print(loss_of_softmax(z), jax.jit(loss_of_softmax)(z))
#> 16.118095 16.118095
print(np.asarray(jax.grad(loss_of_softmax)(z)) + 0.0)
#> [[0. 0. 0.]]

# A model ending in Dense(activation="softmax") (zero kernel, bias z), in
# evaluate() and in fit(): clipped too.
keras.utils.set_random_seed(0)
model = keras.Sequential(
    [keras.Input((1,)), keras.layers.Dense(3, activation="softmax")]
)
model.layers[-1].set_weights([np.zeros((1, 3)), np.array([0.0, 20.0, -20.0])])
model.compile(optimizer="sgd", loss=cce)
x = np.ones((1, 1), dtype="float32")
evaluated = model.evaluate(x, one_hot, verbose=0)
fitted = model.fit(x, one_hot, verbose=0).history["loss"][0]
print(np.float32(evaluated), np.float32(fitted))
#> 16.118095 16.118095
# fit() took a step of gradient descent, yet the bias is unchanged: the
# model learns nothing from this sample.
print(np.asarray(model.layers[-1].bias) + 0.0)
#> [  0.  20. -20.]

# from_logits=True, given the logits: computed from the logits.
cce_logits = keras.losses.CategoricalCrossentropy(from_logits=True)
print(cce_logits(one_hot, z))
#> 20.0

# from_logits=True, given Keras' softmax: no warning on JAX, and the softmax
# is applied a second time.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    loss = cce_logits(one_hot, keras.ops.softmax(z))
print(loss, len(caught))
#> 1.5514446 0
