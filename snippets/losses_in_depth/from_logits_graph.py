import keras
import numpy as np
import tensorflow as tf

# NumPy prints arrays with at most 3 digits after the point:
np.set_printoptions(precision=3)
cce = keras.losses.CategoricalCrossentropy()  # from_logits=False, the default
one_hot = tf.constant([[1.0, 0.0, 0.0]])
# The true class (0) is 20 below class 1: its probability is about 2e-9.
z = tf.constant([[0.0, 20.0, -20.0]])
print(tf.nn.softmax(z).numpy())
#> [[2.061e-09 1.000e+00 4.248e-18]]
print(hasattr(tf.nn.softmax(z), "_keras_logits"))  # TensorFlow's own softmax
#> False


def loss_of_softmax(z):
    # TensorFlow's own softmax: no logits attached, unlike keras.ops.softmax.
    return cce(one_hot, tf.nn.softmax(z))


# Eagerly, the loss sees the probabilities only: clipped.
print(loss_of_softmax(z).numpy())
#> 16.118095

# Inside tf.function the loss is traced into a graph, where it finds the
# Softmax operation that made its input, and takes that operation's input,
# the logits: the loss is computed from them.
print(tf.function(loss_of_softmax)(z).numpy())
#> 20.0
with tf.GradientTape() as tape:
    tape.watch(z)
    loss = tf.function(loss_of_softmax)(z)
print(tape.gradient(loss, z).numpy())
#> [[-1.000e+00  1.000e+00  4.248e-18]]


# The same probabilities computed another way (exp, then divide): no Softmax
# operation to find, clipped even in a graph.
@tf.function
def loss_of_handmade_softmax(z):
    e = tf.exp(z - tf.reduce_max(z, axis=-1, keepdims=True))
    return cce(one_hot, e / tf.reduce_sum(e, axis=-1, keepdims=True))


print(loss_of_handmade_softmax(z).numpy())
#> 16.118095

# fit() and evaluate() run in a tf.function by default. A model whose output
# is tf.nn.softmax (zero kernel, bias z: it outputs softmax(z)):
model = keras.Sequential(
    [keras.Input((1,)), keras.layers.Dense(3, activation=tf.nn.softmax)]
)
model.layers[-1].set_weights([np.zeros((1, 3)), np.array([0.0, 20.0, -20.0])])
x = np.ones((1, 1), dtype="float32")
print(cce(one_hot, model(x)).numpy())  # called eagerly: clipped
#> 16.118095
# The loss evaluate() reports, and the one fit() reports for its single step,
# with the model run eagerly, then in a graph (the default). A table: columns
# right-aligned, the first 11 characters wide, the other two 9.
print(f"{'run_eagerly':>11} {'evaluate':>9} {'fit':>9}")
#> run_eagerly  evaluate       fit
for run_eagerly in (True, False):
    model.compile(optimizer="sgd", loss=cce, run_eagerly=run_eagerly)
    evaluated = model.evaluate(x, one_hot, verbose=0)
    fitted = model.fit(x, one_hot, verbose=0).history["loss"][0]
    # As float32, which prints the shortest digits (16.118095).
    evaluated, fitted = np.float32(evaluated), np.float32(fitted)
    print(f"{run_eagerly!s:>11} {evaluated!s:>9} {fitted!s:>9}")
    #>        True 16.118095 16.118095
    #>       False      20.0      20.0
