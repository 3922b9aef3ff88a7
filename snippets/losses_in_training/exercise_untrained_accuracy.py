import keras
import numpy as np

# 100 samples with 3 features each; 70 labels are 1 and 30 are 0.
rng = np.random.default_rng(0)
x = rng.normal(size=(100, 3)).astype("float32")
y = np.array([1] * 70 + [0] * 30, dtype="float32")[:, None]

# A binary classifier, not trained: one output through a sigmoid, and every
# weight zero.
output = keras.layers.Dense(1, activation="sigmoid", kernel_initializer="zeros")
model = keras.Sequential([keras.Input(shape=(3,)), output])
model.compile(optimizer="sgd", loss="binary_crossentropy",
              metrics=["accuracy"])
loss, accuracy = model.evaluate(x, y, verbose=0)
print(f"loss {loss:.4f}  accuracy {accuracy:.4f}")
#> loss 0.6931  accuracy 0.3000

# Why: every output is sigmoid(0) = 0.5 ...
print("outputs:", np.unique(model.predict(x, verbose=0)))
#> outputs: [0.5]
# ... the loss is -log(0.5) = log(2) for every sample ...
print(f"log(2) = {np.log(2):.4f}")
#> log(2) = 0.6931
# ... and the accuracy counts a sample as class 1 only if its output is
# above 0.5: every sample is predicted as class 0.
print(f"share of label 0: {np.mean(y == 0):.4f}")
#> share of label 0: 0.3000
