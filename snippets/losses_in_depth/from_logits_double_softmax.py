import textwrap
import warnings

import keras
import tensorflow as tf

one_hot = tf.constant([[1.0, 0.0, 0.0]])
z = tf.constant([[0.0, 0.0, 40.0]])
# Probabilities, with their logits attached (TensorFlow backend).
p = keras.ops.softmax(z)
# from_logits=True: wrong for probabilities.
cce = keras.losses.CategoricalCrossentropy(from_logits=True)

# On the TensorFlow backend the loss notices, warns, and uses the attached
# logits.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    loss = cce(one_hot, p)
print(loss.numpy())
#> 40.0
print(len(caught), caught[0].category.__name__)
#> 1 UserWarning
print(textwrap.fill(str(caught[0].message), width=80))
'''
"`categorical_crossentropy` received `from_logits=True`, but the `output`
argument was produced by a Softmax activation and thus does not represent
logits. Was this intended?
'''

# The same probabilities as a NumPy array, without attached logits: no
# warning; they are taken as logits and the softmax is applied a second time,
# a wrong loss.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    loss = cce(one_hot, p.numpy())
print(loss.numpy(), len(caught))
#> 1.5514448 0

# Only that very tensor, in the loss's dtype, has its logits found. A copy, or
# Keras' softmax of float64 logits (which the float32 loss casts, another
# copy), is taken for logits again: the same wrong loss, and no warning.
z64 = tf.constant([[0.0, 0.0, 40.0]], dtype="float64")
copies = [("copy", tf.identity(p)), ("float64", keras.ops.softmax(z64))]
for name, probs in copies:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        loss = cce(one_hot, probs)
    print(name, loss.numpy(), len(caught))
    #> copy 1.5514448 0
    #> float64 1.5514448 0

# Inside tf.function, TensorFlow's own softmax is recognized by its graph
# operation: the same warning, and the logits are used.
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    loss = tf.function(lambda z: cce(one_hot, tf.nn.softmax(z)))(z)
print(loss.numpy(), len(caught), caught[0].category.__name__)
#> 40.0 1 UserWarning
