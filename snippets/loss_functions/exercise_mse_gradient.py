import keras
import tensorflow as tf

# Predict first: four samples with errors 1, 1, 1 and 9 (targets 0).
y_true = tf.zeros((4, 1))
y_pred = tf.constant([[1.0], [1.0], [1.0], [9.0]])

for reduction in [None, "sum_over_batch_size"]:
    mse = keras.losses.MeanSquaredError(reduction=reduction)
    with tf.GradientTape() as tape:
        tape.watch(y_pred)
        loss = mse(y_true, y_pred)
    # dL/dy_pred for each sample. With reduction=None this is 2x per
    # sample. The default divides the sum by the batch size 4, so each
    # gradient is 2x / 4: [0.5 0.5 0.5 4.5], not 2x = [2 2 2 18].
    gradient = tape.gradient(loss, y_pred).numpy()[:, 0]
    print(reduction, gradient)
    #> None [ 2.  2.  2. 18.]
    #> sum_over_batch_size [0.5 0.5 0.5 4.5]

# The gradient with respect to a parameter that every prediction shares,
# here a bias b added to each one, is a mean over the samples: the same for
# the 4 samples and for the same 4 repeated twice.
b = tf.Variable(0.0)
for copies in [1, 2]:
    errors = tf.tile(y_pred, [copies, 1])
    with tf.GradientTape() as tape:
        mse = keras.losses.MeanSquaredError()
        loss = mse(tf.zeros_like(errors), errors + b)
    print(len(errors), tape.gradient(loss, b).numpy())
    #> 4 6.0
    #> 8 6.0
