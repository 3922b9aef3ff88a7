import keras
import numpy as np
import tensorflow as tf

# NumPy prints arrays with at most 3 digits after the point:
np.set_printoptions(precision=3)
print(keras.config.backend())  # the default backend
#> tensorflow

cce = keras.losses.CategoricalCrossentropy()  # from_logits=False, the default
one_hot = tf.constant([[1.0, 0.0, 0.0]])

# A confident wrong answer: the true class's logit is 40 below another class's.
z = tf.constant([[0.0, 0.0, 40.0]])  # float32
p = keras.ops.softmax(z)
print(p.numpy())  # the true class gets about 4e-18, far below epsilon (1e-7)
#> [[4.248e-18 4.248e-18 1.000e+00]]

# On the TensorFlow backend, Keras' softmax attaches its input logits to the
# result, and the cross-entropy uses them instead of the probabilities:
# nothing is clipped.
print(hasattr(p, "_keras_logits"))
#> True
with tf.GradientTape() as tape:
    tape.watch(z)
    loss = cce(one_hot, keras.ops.softmax(z))
print(loss.numpy(), tape.gradient(loss, z).numpy())
#> 40.0 [[-1.000e+00  4.248e-18  1.000e+00]]

# A model whose last layer is Dense(activation="softmax") goes through the
# same softmax.
model = keras.Sequential(
    [keras.Input((1,)), keras.layers.Dense(3, activation="softmax")]
)
# Zero kernel, bias z: the model outputs softmax(z).
model.layers[-1].set_weights([np.zeros((1, 3)), np.array([0.0, 0.0, 40.0])])
x = np.ones((1, 1), dtype="float32")
print(cce(one_hot, model(x)).numpy())
#> 40.0
model.compile(optimizer="sgd", loss=cce)
print(model.evaluate(x, one_hot, verbose=0))  # the same value
#> 40.0
# fit() reports it too, and its one step of gradient descent changes the bias:
# the model learns from this sample. The middle bias moves by a tiny negative
# amount (SGD's default learning rate, 0.01, times about 4e-18), which rounds
# to -0.0; + 0.0 makes it 0.0.
fitted = model.fit(x, one_hot, verbose=0).history["loss"][0]
bias = model.layers[-1].bias.numpy().astype(float)
print(fitted, (bias.round(4) + 0.0).tolist())
#> 40.0 [0.01, 0.0, 39.99]

# model.predict() returns a NumPy array: bare probabilities, no logits
# attached. They are clipped, and the loss stops at -log(epsilon).
probs = model.predict(x, verbose=0)
print(type(probs).__name__, cce(one_hot, probs).numpy())
#> ndarray 16.118095

# float64 logits: the loss converts its inputs to its own dtype, float32, and
# that cast copy has no logits attached. Clipped again, and the gradient is
# zero.
z64 = tf.constant([[0.0, 0.0, 40.0]], dtype="float64")
p64 = keras.ops.softmax(z64)
p32 = tf.cast(p64, "float32")
print(cce.dtype, hasattr(p64, "_keras_logits"), hasattr(p32, "_keras_logits"))
#> float32 True False
with tf.GradientTape() as tape:
    tape.watch(z64)
    loss = cce(one_hot, keras.ops.softmax(z64))
print(loss.numpy(), tape.gradient(loss, z64).numpy())
#> 16.118095 [[0. 0. 0.]]
# In a graph too. A loss created with dtype="float64" keeps the logits.
loss_of_softmax = tf.function(lambda z: cce(one_hot, keras.ops.softmax(z)))
print(loss_of_softmax(z64).numpy())
#> 16.118095
cce64 = keras.losses.CategoricalCrossentropy(dtype="float64")
print(cce64(one_hot, keras.ops.softmax(z64)).numpy())
#> 40.0

# Keras' sigmoid does the same for BinaryCrossentropy.
bce = keras.losses.BinaryCrossentropy()
p = keras.ops.sigmoid(tf.constant([[-40.0]]))
print(bce(tf.constant([[1.0]]), p).numpy())
#> 40.0
