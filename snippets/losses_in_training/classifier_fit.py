import keras
import numpy as np
import tensorflow as tf

keras.utils.set_random_seed(0)
tf.config.experimental.enable_op_determinism()

# Three blobs in 2-D, one per class, of 20, 30 and 40 points;
# the labels are the integers 0, 1, 2.
rng = np.random.default_rng(0)
centers = np.array([[0.0, 2.0], [-2.0, -1.0], [2.0, -1.0]])
labels = np.repeat(np.arange(3), [20, 30, 40])
x = (centers[labels] + rng.normal(size=(90, 2))).astype("float32")

# A linear model with three outputs: the logits.
# No softmax layer; the loss applies it.
logits = keras.layers.Dense(3, kernel_initializer="zeros")
model = keras.Sequential([keras.Input(shape=(2,)), logits])
model.compile(
    optimizer=keras.optimizers.Adam(learning_rate=0.1),
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
loss, accuracy = model.evaluate(x, labels, verbose=0)
log3 = np.log(3)
print(f"before: loss {loss:.4f}  accuracy {accuracy:.4f}  log(3) = {log3:.4f}")
#> before: loss 1.0986  accuracy 0.2222  log(3) = 1.0986
# With three equal logits, argmax takes the first: every point is predicted as
# class 0, and the accuracy is the share of class 0 in the labels.
predicted = keras.ops.argmax(model(x), axis=-1).numpy()
print("logits of all 90 points take the values", np.unique(model(x).numpy()))
#> logits of all 90 points take the values [0.]
print("predicted classes:", np.unique(predicted))
#> predicted classes: [0]
print(f"share of class 0 in the labels: {np.mean(labels == 0):.4f}")
#> share of class 0 in the labels: 0.2222

data = tf.data.Dataset.from_tensors((x, labels)).repeat()
model.fit(data, epochs=50, steps_per_epoch=1, shuffle=False, verbose=0)
loss, accuracy = model.evaluate(x, labels, verbose=0)
print(f"after:  loss {loss:.4f}  accuracy {accuracy:.4f}")
#> after:  loss 0.1072  accuracy 0.9444
print("optimizer steps:", int(model.optimizer.iterations))
#> optimizer steps: 50
