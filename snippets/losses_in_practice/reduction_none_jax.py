import os

os.environ["KERAS_BACKEND"] = "jax"
import keras
import numpy as np

# The model and data of reduction_fit.py, reduction=None, on the JAX backend.
x = np.zeros((4, 1), dtype="float32")
y = np.array([[1.0], [2.0], [3.0], [4.0]], dtype="float32")
model = keras.Sequential([keras.Input(shape=(1,)),
                          keras.layers.Dense(1, kernel_initializer="zeros")])
model.compile(optimizer=keras.optimizers.SGD(learning_rate=0.1),
              loss=keras.losses.MeanSquaredError(reduction=None))
print(keras.config.backend())
#> jax
try:
    model.fit(x, y, batch_size=4, epochs=1, verbose=0)
except TypeError as error:
    print(type(error).__name__, error)
    '''
    TypeError
    Gradient only defined for scalar-output functions. Output had shape: (4,).
    '''
